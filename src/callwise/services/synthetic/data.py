"""The invented names, countries and cities behind synthetic contacts (benchmarks only)."""

from __future__ import annotations

# "<culture>.f|m|s names": female and male given names, surnames; indented lines continue.
NAMES = """
en.f Emma Olivia Ava Sophia Mia Charlotte Amelia Harper Evelyn Abigail Emily Elizabeth Madison
    Avery Ella Scarlett Grace Chloe Victoria Riley Aria Lily Hannah Natalie Zoe Leah Hazel Violet
    Aurora Savannah Audrey Brooklyn Bella Claire Skylar Lucy Paisley Anna Caroline Sarah Rachel
    Megan Jessica Lauren Ashley Jennifer Amanda Stephanie Heather Nicole Rebecca Katherine Laura
    Susan Karen Linda Patricia Barbara Margaret Deborah Julie Kelly Erin Molly Holly Tamara
    Jasmine Danielle Monica Vanessa Brittany Kayla Alyssa Morgan Taylor Jordan Alice Allison
    Amber Angela Anne April Beth Bethany Brenda Bridget Brooke Carol Cassandra Catherine Cecilia
    Charlene Cheryl Christina Cindy Colleen Courtney Crystal Dana Diana Donna Eleanor Elaine
    Ellen Erica Esther Eva Faith Felicia Fiona Gabrielle Gail Georgia Gloria Gwen Harriet Helen
    Ivy Jacqueline Jane Janet Jean Jenna Jill Joan Jocelyn Josephine Joy Judith Kara Kathleen
    Kendra Kimberly Kristen Leslie Lindsay Lorraine Lydia Mackenzie Mallory Marilyn Martha
    Maureen Melanie Melissa Meredith Miranda Nora Paige Pamela Penelope Phoebe Priscilla Regina
    Renee Ruth Sabrina Sandra Shannon Sharon Sheila Stella Sylvia Teresa Tiffany Tracy Valerie
    Vera Wendy Whitney Yvonne
en.m Liam Noah Oliver Elijah James William Benjamin Lucas Henry Alexander Mason Michael Ethan
    Daniel Jacob Logan Jackson Levi Sebastian Jack Owen Samuel Matthew Joseph David Wyatt John
    Luke Gabriel Isaac Anthony Dylan Andrew Joshua Christopher Nathan Ryan Caleb Hunter Thomas
    Charles Aaron Adam Brian Kevin Jason Eric Steven Mark Paul Scott Timothy Gregory Patrick
    Peter Jeffrey Richard Robert George Edward Kenneth Marcus Derek Travis Darnell Andre Tyler
    Cody Brandon Justin Trevor Grant Spencer Colin Dustin Wesley Malcolm Terrence Curtis Alan
    Albert Alex Arthur Austin Barry Blake Bradley Brett Bruce Calvin Cameron Carl Chad Clarence
    Clifford Cole Connor Craig Dale Dean Dennis Derrick Donald Douglas Drew Dwayne Earl Elliot
    Emmett Ernest Evan Frank Fred Gary Gavin Glenn Gordon Graham Harold Harvey Howard Ian Jared
    Jeremy Jerome Jesse Joel Jonathan Keith Kyle Lance Larry Lawrence Leonard Lewis Louis Martin
    Maurice Max Miles Mitchell Neil Nolan Oscar Philip Preston Quentin Ralph Randall Raymond
    Reggie Rick Roger Ronald Ross Roy Russell Seth Shane Simon Stanley Todd Tony Victor Vincent
    Walter Warren Wayne Xavier Zachary
en.s Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin
    Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill
    Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans
    Edwards Collins Stewart Morris Rogers Reed Cook Morgan Bell Bailey Cooper Richardson Cox
    Howard Ward Peterson Gray Watson Brooks Sanders Price Bennett Wood Barnes Ross Henderson
    Coleman Jenkins Perry Powell Long Patterson Hughes Washington Butler Simmons Foster Bryant
    Russell Griffin Hayes Myers Ford Hamilton Graham Wallace West Cole Hunt Fisher Holmes Palmer
    Marshall Owens Harrison Gibson Ellis Stevens Tucker Porter Hicks Crawford Boyd Warren Dixon
    Burns Gordon Shaw Holland Webb Knight Lane Hudson Stone Fox Rose Pierce Hart Dunn Wells Hale
    Fleming Nash Weaver Lawson Bishop Dawson Hawkins Whitaker Hollis Prescott Caldwell Lambert
    Norris Fowler Sutton Barker Chambers Ramsey Wheeler Goodwin Sharpe Abbott Armstrong Atkins
    Austin Baldwin Ball Banks Barber Barnett Bates Beck Berry Black Blair Blake Bradley Bradshaw
    Brady Briggs Burgess Burton Byrd Cannon Carpenter Carr Carson Chandler Chapman Church Clarke
    Clayton Cobb Cochran Compton Conner Conrad Copeland Craig Cross Cummings Curtis Daniels
    Davidson Day Dean Dennis Dodson Douglas Drake Duncan Durham Dyer Eaton Elliott Emerson
    Erickson Farmer Ferguson Fields Finch Fletcher Floyd Franklin Frost Fuller Gardner Garrett
    Gilbert Glover Goodman Greene Gregory Griffith Hall Hammond Hancock Hardy Harmon Harper
    Harrington Hartley Harvey Haynes Hewitt Higgins Hodges Hoffman Holt Hood Hopkins Horton
    Houston Howell Hubbard Humphrey Ingram Jacobs Jennings Jordan Keller Kemp Kent Kirby Knox
    Lamb Larson Lawrence Leach Lindsey Little Lloyd Logan Lowe Lucas Lyons Mann Manning Marsh
    Maxwell May McBride McDaniel McKenzie Meadows Mercer Merritt Middleton Miles Montgomery Moody
    Morton Moss Newman Newton Nichols Norman Norton Oliver Osborne Page Parks Parsons Patton
    Payne Pearson Perkins Phelps Pittman Pope Potter Pratt Randall Ray Reese Reeves Reynolds
    Rhodes Rice Riley Robbins Rowe Sampson Savage Sawyer Shelton Sherman Shields Simpson Skinner
    Slater Sloan Snyder Sparks Stafford Stanley Steele Stephens Strickland Summers Swanson Tate
    Terry Thornton Todd Townsend Tyler Vaughn Wade Walton Warner Waters Watts Webster Welch
    Whitfield Wiley Wilkins Willis Winters Wolfe Woodward Wyatt York
ie.f Aoife Ciara Niamh Saoirse Siobhan Roisin Orla Caoimhe Aisling Grainne Sinead Clodagh Eimear
    Maeve Deirdre Fionnuala Sorcha Brid Nuala Una
ie.m Sean Cian Oisin Darragh Padraig Eoin Cormac Ronan Niall Colm Declan Fergal Killian Tadhg
    Ruairi Donal Eamon Diarmuid Lorcan Conor
ie.s Murphy Kelly O'Sullivan O'Brien Byrne Ryan O'Connor O'Neill Walsh McCarthy Doyle Gallagher
    Kennedy Lynch Murray Quinn McLoughlin Carroll Connolly Daly Dunne Brennan Burke Fitzgerald
    Keane Nolan Power Regan Healy Hogan Flynn Sheehan Cullen Kavanagh Farrell Boyle Fahy
es.f Sofía Valentina Camila Lucía Mariana Daniela Gabriela Ana María Paula Fernanda Carolina
    Andrea Alejandra Natalia Elena Rosa Carmen Guadalupe Ximena Adriana Beatriz Marisol Pilar
    Inés Lorena Verónica Claudia Mónica Alicia Amparo Blanca Catalina Cecilia Consuelo Cristina
    Dolores Esperanza Estela Eva Gloria Graciela Irene Isabel Josefina Juana Leticia Liliana Luz
    Margarita Marta Mercedes Miriam Nayeli Noemí Olga Raquel Rocío Silvia Sonia Teresa Yolanda
    Jimena Renata Regina Paloma Marisa
es.m Santiago Mateo Sebastián Diego Alejandro Nicolás Javier Carlos Luis José Miguel Juan Pedro
    Antonio Manuel Francisco Jorge Ricardo Fernando Eduardo Rafael Andrés Emilio Raúl Álvaro Iván
    Tomás Hugo Joaquín Rodrigo Adrián Agustín Alberto Alfonso Armando Arturo Benjamín Bernardo
    Camilo César Cristian Enrique Ernesto Esteban Felipe Gerardo Gonzalo Guillermo Gustavo Héctor
    Ignacio Jaime Julio Leonardo Lorenzo Marcos Mario Martín Mauricio Octavio Óscar Pablo Ramón
    Roberto Rubén Salvador Sergio Víctor Ulises
es.s García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores
    Rivera Gómez Díaz Cruz Morales Reyes Gutiérrez Ortiz Ramos Romero Vargas Castillo Jiménez
    Moreno Álvarez Ruiz Mendoza Aguilar Herrera Medina Castro Vázquez Guerrero Navarro Domínguez
    Rojas Delgado Vega Soto Ríos Salazar Fuentes Cabrera Campos Núñez Espinoza Carrillo Ibarra
    Cortés Serrano Molina Peña Cisneros Valdez Zamora
de.f Anna Lena Lea Hannah Laura Julia Sarah Lisa Katharina Johanna Sophie Marie Leonie Clara Greta
    Frieda Ida Paula Emilia Ursula Sabine Petra Anja Birgit Heike Andrea Angelika Antje Bettina
    Christina Dagmar Doris Elke Franziska Gabriele Helga Ilse Ingrid Jana Jutta Karin Kerstin
    Lotte Maren Monika Nadine Renate Silke Stefanie Susanne Tanja Ute
de.m Lukas Leon Finn Jonas Paul Felix Maximilian Elias Ben Tim Jan Niklas Tobias Florian Sebastian
    Stefan Matthias Andreas Michael Markus Jürgen Dieter Uwe Klaus Wolfgang Alexander Bernd
    Christian Daniel Dennis Dirk Erik Frank Fabian Georg Günter Hans Heinz Helmut Jens Johannes
    Jörg Julian Kai Karl Lars Manfred Moritz Norbert Oliver Patrick Peter Philipp Rainer Ralf
    Simon Sven Thorsten Volker Werner
de.s Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann
    Lange Schmitt Werner Krause Meier Lehmann Schulze Maier Köhler Herrmann König Mayer Huber
    Kaiser Fuchs Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich
fr.f Camille Léa Manon Chloé Inès Jade Louise Zoé Lina Alice Juliette Margaux Élise Amélie Céline
    Nathalie Isabelle Sophie Mathilde Pauline Émilie Océane Anaïs Sandrine Brigitte Adèle Agathe
    Aurélie Capucine Charlotte Clémence Delphine Élodie Florence Gabrielle Hélène Joséphine Laure
    Léonie Lucie Marine Noémie Romane Solène Valérie Véronique
fr.m Hugo Louis Gabriel Arthur Raphaël Jules Adam Léo Théo Mathis Antoine Julien Nicolas Maxime
    Pierre Alexandre Guillaume François Olivier Étienne Benoît Laurent Mathieu Yves Rémi Aurélien
    Baptiste Bastien Cédric Clément Damien Denis Fabien Florian Gaël Grégoire Hervé Jérôme Loïc
    Lucien Marc Matthieu Noé Pascal Quentin Sylvain Thibault Timothée Xavier
fr.s Martin Bernard Dubois Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel
    David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre Mercier Dupont Lambert
    Bonnet Legrand Garnier Faure Rousseau Blanc Guérin Henry Roussel Perrin Morin Clément
    Gauthier Dumont Fontaine Chevalier Robin
it.f Giulia Francesca Chiara Sara Martina Alessia Elisa Federica Silvia Giorgia Beatrice Ginevra
    Paola Roberta Serena Alessandra Anna Arianna Carla Cristina Daniela Eleonora Emma Gaia Ilaria
    Lucia Marta Noemi Rebecca Sofia Valeria Viola
it.m Francesco Alessandro Lorenzo Matteo Leonardo Gabriele Riccardo Tommaso Davide Marco Luca
    Giuseppe Giovanni Stefano Paolo Roberto Fabio Simone Alberto Angelo Carlo Claudio Daniele
    Edoardo Emanuele Enrico Federico Filippo Giacomo Mario Massimo Michele Nicola Pietro
    Salvatore Vincenzo
it.s Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti
    Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi
    Caruso Ferrara Galli Leone Longo Gentile Martinelli Vitale Serra Coppola Marchetti Parisi
in.f Priya Ananya Aditi Kavya Diya Isha Meera Neha Pooja Riya Sneha Shreya Anjali Divya Lakshmi
    Nandini Aishwarya Deepika Sunita Kavita Rekha Swati Radhika Tanvi Asha Geeta Aarti Akanksha
    Bhavna Chitra Gauri Harini Ishita Jyoti Kalpana Keerthi Madhuri Manisha Nikita Padma Pallavi
    Preeti Rashmi Ritu Sangeeta Shalini Shweta Sushma Trisha Uma Vaishnavi Vidya Yamini Anita
    Poonam Sapna
in.m Aarav Vivaan Aditya Arjun Rohan Rahul Vikram Karthik Siddharth Amit Anil Sanjay Rajesh Suresh
    Ravi Arun Vijay Nikhil Pranav Manish Deepak Ashok Harish Varun Kiran Abhishek Ajay Akash Alok
    Anand Ankit Ashwin Bharat Chetan Darshan Dinesh Ganesh Gaurav Girish Hemant Jayesh Kunal
    Mahesh Mohan Naveen Nitin Prakash Pradeep Rakesh Ramesh Sachin Sandeep Shankar Srinivas Sunil
    Tarun Uday Vinay Yash Zubin
in.s Sharma Verma Gupta Patel Shah Mehta Iyer Iyengar Nair Menon Pillai Reddy Rao Naidu Krishnan
    Raman Subramanian Venkatesh Kumar Singh Chauhan Joshi Kulkarni Deshpande Desai Jain Agarwal
    Bansal Malhotra Kapoor Khanna Chopra Bhatia Saxena Mishra Pandey Tiwari Chatterjee Banerjee
    Mukherjee Das Bose Sen Ghosh Dutta Naik Hegde Shetty Kamath Bhat Chandra Chaudhary Gokhale
    Goswami Hussain Jha Kaur Khan Kohli Mahajan Mathur Nagarajan Pai Parekh Prasad Rajan Rastogi
    Sethi Sinha Srinivasan Thakur Trivedi Varma Vyas Yadav Arora Bhatt Dixit Ahuja
zh.f Fang Xiu Ying Na Jing Min Hui Yan Mei Lan Xin Jia Ting Qian Xue Rui Xiaoling Yuting Aiping
    Chunhua Dan Fen Guiying Haiyan Hong Hua Jiayi Jingyi Juan Lili Ling Meiling Ning Ping Qing
    Shu Wen Xia Xiaomei Yali Yifan Yue Yun Zhen Zhiyi
zh.m Wei Jun Hao Lei Jie Tao Ming Qiang Yong Bin Peng Kai Long Bo Zhi Cheng Hong Zihan An Bao Bing
    Chao Da Dong Gang Guang Hai Jian Jiahao Jianguo Jin Kang Liang Rui Shan Sheng Shuai Tian
    Xiang Xu Yi Yu Yuan Zhong Zhiwei Zhihao
zh.s Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng
    Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Du Ye
ja.f Yui Aoi Hina Yuna Sakura Haruka Yuka Misaki Ayaka Nanami Mai Saki Rin Emi Keiko Naomi Yoko
    Tomoko Akiko Kaori Megumi Noriko Asuka Chiaki Eri Fumiko Hanako Hitomi Izumi Junko Kana
    Kumiko Mayumi Mariko Midori Miyuki Nao Natsuki Reiko Sachiko Sayaka Shiori Tomomi Yumi
ja.m Haruto Sota Yuto Ren Riku Takumi Hiroshi Takeshi Kenji Kenta Daiki Shota Kaito Yuki Ryo Naoki
    Kazuki Satoshi Makoto Akira Tetsuya Koji Atsushi Daisuke Goro Hajime Haruki Hideki Hiroki
    Ichiro Jiro Kazuya Kei Kosuke Masaki Minoru Osamu Ryota Shinji Shun Sho Taro Tomohiro Yusuke
ja.s Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada
    Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto
    Ishikawa Nakajima Maeda Fujita Ogawa Goto Okada Hasegawa Murakami Kondo Saito Sakamoto
ko.f Ji-woo Seo-yeon Min-seo Ha-eun Ji-min Soo-ah Yu-na Eun-ji Hye-jin Soo-jin Da-eun Ye-jin Bo-ra
    Chae-won Eun-bi Ga-eun Hae-won Hyo-jin In-hye Ji-yeon Jung-eun Mi-kyung Min-ji Seo-hyun
    So-yeon Su-bin Yeon-woo
ko.m Min-jun Seo-jun Do-yun Ha-joon Ji-ho Jun-seo Hyun-woo Ji-hoon Sung-min Dong-hyun Jae-won
    Byung-ho Chang-min Dong-wook Gun-woo Hyun-jin In-ho Jae-hyun Jin-woo Jong-su Kyung-soo Min-ho
    Sang-woo Seung-hoon Tae-hyun Yong-jun
ko.s Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Jeon Hong
    Yoo Ko Moon Yang Son Bae Baek Nam
ng.f Adaeze Chiamaka Ngozi Amaka Funmilayo Folake Yetunde Zainab Ifeoma Chioma Nneka Temitope
    Bukola Kemi Titilayo Halima Abimbola Adunni Amarachi Ebere Eniola Ese Ijeoma Modupe Nkechi
    Obiageli Omolara Oyinkansola Sade Tolani Uchenna Yewande
ng.m Chukwuemeka Chinedu Obinna Emeka Tunde Babatunde Olumide Segun Femi Kayode Adebayo Musa Uche
    Ikenna Kelechi Nnamdi Ayodele Yusuf Abiodun Adewale Chidi Chijioke Dapo Ebuka Gbenga Ifeanyi
    Jide Kunle Obafemi Olusegun Oluwaseun Rotimi Tobi Wale
ng.s Okafor Okonkwo Adeyemi Ogunleye Balogun Eze Nwosu Obi Okeke Olawale Afolabi Akinola Bello
    Danjuma Lawal Nnaji Chukwu Ojo Salami Uzor Okoro Adeleke Ekwueme Ajayi
ar.f Fatima Aisha Maryam Layla Noor Huda Amira Yasmin Rania Salma Hana Dina Leila Nadia Rana Abeer
    Alia Asma Basma Dalia Farida Ghada Hiba Iman Jamila Khadija Lubna Manal Najla Nour Rasha Reem
    Samira Sawsan Suha Wafa Yara Zahra
ar.m Mohammed Ahmed Ali Omar Youssef Khalid Hassan Hussein Ibrahim Mustafa Tariq Karim Samir Rami
    Faisal Hamza Bilal Ziad Nabil Walid Adel Amir Anas Ayman Bassam Fadi Fares Ghassan Hadi
    Hisham Imad Issa Jamal Kamal Majid Marwan Nasser Osama Rashid Saeed Salim Tamer Yasser Zaid
ar.s Al-Sayed Haddad Khoury Nasser Hamdan Mansour Saleh Farah Aziz Abboud Rahman Suleiman Darwish
    Qasim Habib Jaber Kassab Najjar Sabbagh Masri Halabi Tamimi Bakri Othman Khalil
ne.f Sita Gita Sarita Anjana Sunita Rupa Kabita Nisha Asmita Sabina Srijana Binita Pratima Bina
    Durga Kamala Manisha Parbati Radha Rita Sarala Shanti Sushila
ne.m Bikash Suman Ramesh Prakash Dipak Rajendra Nabin Sujan Bishal Roshan Santosh Rabin Arjun
    Bibek Dinesh Gopal Hari Krishna Manoj Nirmal Pawan Sagar Sunil Umesh
ne.s Shrestha Thapa Gurung Tamang Magar Rai Limbu Adhikari Karki Bhattarai Poudel Khadka Basnet
    Maharjan Acharya Regmi Koirala Bista Lama Sherpa Dahal
pt.f Ana Beatriz Júlia Larissa Fernanda Camila Gabriela Letícia Mariana Luana Bruna Juliana Aline
    Patrícia Renata Tatiana Vanessa Raquel Adriana Alice Amanda Bianca Cristina Daniela Débora
    Eduarda Elaine Fabiana Flávia Giovana Isabela Jéssica Lívia Manuela Natália Priscila Rafaela
    Sabrina Simone Thaís Yasmin
pt.m João Pedro Lucas Gabriel Rafael Felipe Gustavo Thiago Bruno Rodrigo Leonardo Mateus Diego
    Vinícius Marcelo André Fábio Caio Alexandre Antônio Arthur Carlos Cláudio Daniel Davi Enzo
    Fernando Francisco Guilherme Heitor Henrique Igor José Leandro Luiz Manoel Miguel Murilo
    Otávio Paulo Renato Samuel Sérgio Wagner
pt.s Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro
    Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade
    Moreira Nunes Marques Machado Mendes Freitas Cardoso Gonçalves Teixeira Araújo
nl.f Julia Sophie Fleur Sanne Lotte Femke Eva Iris Lieke Marieke Anouk Ilse Annelies Bregje Esther
    Floor Hanneke Inge Janneke Maaike Merel Roos Saskia Tessa
nl.m Daan Sem Jesse Thijs Bram Ruben Lars Milan Sven Joost Pieter Wouter Maarten Niels Bas Coen
    Floris Gijs Hugo Jeroen Koen Luuk Mark Rutger Stijn Teun Tim
nl.s Jansen Visser Smit Meijer Mulder Bos Vos Hendriks Dekker Brouwer Dijkstra Kok Jacobs
    Vermeulen Bakker Janssen Willems Kuipers Postma Hoekstra Koster Prins Huisman Veenstra
pl.f Zuzanna Maja Zofia Alicja Agnieszka Katarzyna Magdalena Joanna Małgorzata Ewa Anna Barbara
    Beata Dorota Elżbieta Halina Irena Iwona Justyna Karolina Krystyna Marta Monika Renata Sylwia
    Urszula Weronika Wiktoria
pl.m Jakub Antoni Szymon Filip Kacper Mateusz Piotr Krzysztof Tomasz Paweł Marcin Łukasz Adam
    Andrzej Artur Bartosz Damian Dariusz Grzegorz Jacek Janusz Jerzy Kamil Karol Marek Mariusz
    Przemysław Rafał Sławomir Stanisław Zbigniew
pl.s Nowak Wójcik Kowalczyk Woźniak Mazur Krawczyk Król Wieczorek Wróbel Kaczmarek Zając Pawlak
    Michalak Sikora Walczak Baran Duda Szewczyk Tomaszewski Jasiński
sv.f Astrid Ingrid Freja Elsa Saga Linnea Ebba Sigrid Karin Britt Solveig Liv Maren Agnes Alva
    Annika Elin Frida Greta Hedda Ingeborg Johanna Klara Lovisa Malin Signe Stina Tove
sv.m Erik Anders Johan Nils Oskar Axel Gustav Magnus Henrik Björn Sven Olav Per Mikkel Albin Arvid
    Bengt Carl Einar Filip Gunnar Hugo Ingvar Jonas Leif Mats Stig Ulf Viktor
sv.s Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Lindqvist
    Lindberg Solberg Hansen Johansen Olsen Larsen Nielsen Pedersen Berg Haugen Lund Dahl
vi.f Linh Mai Huong Trang Thao Ngoc Hoa Phuong Thu Quynh Bich Diep Hang Hanh Hien Khanh Lien Nga
    Nhung Tam Thuy Trinh Uyen Van Yen
vi.m Minh Tuan Duc Hung Quang Nam Khoa Thanh Hieu Dung An Bao Binh Cuong Dat Hai Hoang Huy Khang
    Kien Loc Phong Quan Son Thang Trung Tu Vinh
vi.s Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly
"""

# code, weight, cultures with weights, mobile patterns ("" = numbers from the city's range).
# A pattern is a prefix, an optional first-digit range and one '#' per further random digit.
COUNTRIES: tuple[tuple[str, float, str, str], ...] = (
    ("US", 52, "en:52 es:16 ie:4 zh:4 in:4 de:3 it:3 ng:2 vi:2 ko:2 ar:2 pl:1 ja:1", ""),
    ("GB", 8, "en:66 in:9 ie:5 ng:5 pl:5 ar:4 zh:3 it:3", "+4473[0-9]####### +4478[4-9]#######"),
    ("CA", 6, "en:50 fr:20 zh:8 in:8 es:4 ar:4 it:3 pl:3", ""),
    ("DE", 5, "de:82 pl:5 it:4 ar:4 en:3 vi:2", "+49151######## +49170####### +49176########"),
    ("IN", 5, "in:100", "+9198######## +9199######## +9197######## +9194########"),
    ("AU", 4, "en:66 zh:10 in:8 vi:5 it:5 ar:3 ko:3", "+6141####### +6142####### +6143#######"),
    ("FR", 3, "fr:82 ar:10 es:4 pt:4", "+336[0-2]####### +3375#######"),
    ("ES", 2, "es:100", "+346########"),
    ("IE", 2, "ie:60 en:30 pl:10", "+35383####### +35385####### +35387#######"),
    ("MX", 2, "es:100", ""),
    ("BR", 2, "pt:100", ""),
    ("JP", 2, "ja:100", "+8190[1-9]####### +8180[1-9]####### +8170[1-9]#######"),
    ("NL", 1, "nl:90 ar:5 en:5", "+316[1-5]#######"),
    ("IT", 1, "it:100", "+39333####### +39347#######"),
    ("NZ", 1, "en:80 zh:8 in:6 ko:6", "+6421####### +6422####### +6427#######"),
    ("NP", 1, "ne:100", "+977984####### +977985####### +977980#######"),
    ("KR", 1, "ko:100", "+8210[2-4]#######"),
    ("SG", 1, "zh:70 in:15 en:15", "+659[0-8]###### +658[1-9]######"),
    ("ZA", 1, "en:70 ng:30", "+2782####### +2772#######"),
    ("NG", 1, "ng:100", "+23480[3-9]####### +23470[3-9]#######"),
    ("AE", 1, "ar:70 in:30", "+97150#######"),
    ("SE", 1, "sv:100", "+4670#######"),
    ("PL", 1, "pl:100", "+4850[0-9]######"),
    ("CN", 1, "zh:100", "+86139########"),
    ("AR", 0.5, "es:85 it:15", "+54911[2-6]#######"),
    ("CO", 0.5, "es:100", "+57315#######"),
)

# "<country> City|Region|Zone|landline pattern; ..."; indented lines continue.
CITIES = """
US Kansas City|MO|America/Chicago|+1816[2-9]######
    Overland Park|KS|America/Chicago|+1913[2-9]######
    New York|NY|America/New_York|+1212[2-9]######; Brooklyn|NY|America/New_York|+1718[2-9]######
    Chicago|IL|America/Chicago|+1312[2-9]######; Seattle|WA|America/Los_Angeles|+1206[2-9]######
    Denver|CO|America/Denver|+1303[2-9]######; Phoenix|AZ|America/Phoenix|+1602[2-9]######
    Honolulu|HI|Pacific/Honolulu|+1808[2-9]######
    San Francisco|CA|America/Los_Angeles|+1415[2-9]######
    Los Angeles|CA|America/Los_Angeles|+1213[2-9]######
    Boston|MA|America/New_York|+1617[2-9]######; Houston|TX|America/Chicago|+1713[2-9]######
    Atlanta|GA|America/New_York|+1404[2-9]######; Miami|FL|America/New_York|+1305[2-9]######
    Austin|TX|America/Chicago|+1512[2-9]######; Portland|OR|America/Los_Angeles|+1503[2-9]######
    Philadelphia|PA|America/New_York|+1215[2-9]######
    Minneapolis|MN|America/Chicago|+1612[2-9]######
    Las Vegas|NV|America/Los_Angeles|+1702[2-9]######
    Nashville|TN|America/Chicago|+1615[2-9]######; Detroit|MI|America/Detroit|+1313[2-9]######
    San Diego|CA|America/Los_Angeles|+1619[2-9]######
    Charlotte|NC|America/New_York|+1704[2-9]######; St. Louis|MO|America/Chicago|+1314[2-9]######
    Indianapolis|IN|America/Indiana/Indianapolis|+1317[2-9]######
    Salt Lake City|UT|America/Denver|+1801[2-9]######
    Anchorage|AK|America/Anchorage|+1907[2-9]######; Raleigh|NC|America/New_York|+1919[2-9]######
    Washington|DC|America/New_York|+1202[2-9]######; Dallas|TX|America/Chicago|+1214[2-9]######
GB London|England|Europe/London|+4420[7-8]#######
    Manchester|England|Europe/London|+44161[2-9]######
    Edinburgh|Scotland|Europe/London|+44131[2-8]######
    Birmingham|England|Europe/London|+44121[2-7]######
    Bristol|England|Europe/London|+44117[2-4]######
    Glasgow|Scotland|Europe/London|+44141[2-9]######
CA Toronto|ON|America/Toronto|+1416[2-9]######; Toronto|ON|America/Toronto|+1647[2-9]######
    Vancouver|BC|America/Vancouver|+1604[2-9]######; Montreal|QC|America/Toronto|+1514[2-9]######
    Calgary|AB|America/Edmonton|+1403[2-9]######; Ottawa|ON|America/Toronto|+1613[2-9]######
    Edmonton|AB|America/Edmonton|+1780[2-9]######; Winnipeg|MB|America/Winnipeg|+1204[2-9]######
    Halifax|NS|America/Halifax|+1902[2-9]######
DE Berlin|Berlin|Europe/Berlin|+4930[1-9]#######; Munich|Bavaria|Europe/Berlin|+4989[1-9]#######
    Hamburg|Hamburg|Europe/Berlin|+4940[1-9]#######
    Cologne|North Rhine-Westphalia|Europe/Berlin|+49221[1-9]######
    Frankfurt|Hesse|Europe/Berlin|+4969[1-9]#######
IN Bengaluru|Karnataka|Asia/Kolkata|+9180[2-9]#######
    Mumbai|Maharashtra|Asia/Kolkata|+9122[2-7]#######
    New Delhi|Delhi|Asia/Kolkata|+9111[2-7]#######
AU Sydney|NSW|Australia/Sydney|+612[8-9]#######
    Melbourne|VIC|Australia/Melbourne|+613[8-9]#######
    Brisbane|QLD|Australia/Brisbane|+617[3-5]#######
    Adelaide|SA|Australia/Adelaide|+618[7-8]#######; Perth|WA|Australia/Perth|+6189[2-9]######
FR Paris|Île-de-France|Europe/Paris|+331########
    Lyon|Auvergne-Rhône-Alpes|Europe/Paris|+3347[0-9]######
    Marseille|Provence-Alpes-Côte d'Azur|Europe/Paris|+3349[0-9]######
    Bordeaux|Nouvelle-Aquitaine|Europe/Paris|+335[0-8]#######
ES Madrid|Madrid|Europe/Madrid|+3491#######; Barcelona|Catalonia|Europe/Madrid|+3493#######
    Valencia|Valencia|Europe/Madrid|+3496#######; Seville|Andalusia|Europe/Madrid|+3495#######
IE Dublin|Leinster|Europe/Dublin|+3531[2-9]######; Cork|Munster|Europe/Dublin|+35321[2-9]#####
MX Mexico City|CDMX|America/Mexico_City|+5255[1-9]#######
    Guadalajara|Jalisco|America/Mexico_City|+5233[1-9]#######
    Monterrey|Nuevo León|America/Monterrey|+5281[1-9]#######
BR São Paulo|SP|America/Sao_Paulo|+55119[6-9]#######; São Paulo|SP|America/Sao_Paulo|+551130######
    Rio de Janeiro|RJ|America/Sao_Paulo|+55219[6-9]#######
    Brasília|DF|America/Sao_Paulo|+55619[6-9]#######
JP Tokyo|Tokyo|Asia/Tokyo|+813[1-9]#######; Osaka|Osaka|Asia/Tokyo|+816[6-9]#######
NL Amsterdam|North Holland|Europe/Amsterdam|+3120[1-9]######
    Rotterdam|South Holland|Europe/Amsterdam|+3110[1-9]######
IT Rome|Lazio|Europe/Rome|+3906[0-5]#######; Milan|Lombardy|Europe/Rome|+3902########
NZ Auckland|Auckland|Pacific/Auckland|+649[2-9]######
    Wellington|Wellington|Pacific/Auckland|+644[2-9]######
NP Kathmandu|Bagmati|Asia/Kathmandu|+97714######
KR Seoul|Seoul|Asia/Seoul|+822[2-9]#######
SG Singapore||Asia/Singapore|+656[0-5]######
ZA Johannesburg|Gauteng|Africa/Johannesburg|+2711#######
    Cape Town|Western Cape|Africa/Johannesburg|+2721#######
NG Lagos|Lagos|Africa/Lagos|+23480[3-9]#######; Abuja|FCT|Africa/Lagos|+23470[3-9]#######
AE Dubai|Dubai|Asia/Dubai|+9714[2-8]######
SE Stockholm|Stockholm|Europe/Stockholm|+468[1-9]#######
PL Warsaw|Masovia|Europe/Warsaw|+4822[1-9]######
CN Beijing|Beijing|Asia/Shanghai|+8610[6-7]#######
    Shanghai|Shanghai|Asia/Shanghai|+8621[5-6]#######
AR Buenos Aires|Buenos Aires|America/Argentina/Buenos_Aires|+5411[2-6]#######
CO Bogotá|Bogotá|America/Bogota|+57310#######
"""
